"""The knowledge base as events record it: searches and article opens."""

from server.kernel.feature import Feature, Ref

FEATURE = Feature(name="knowledge", tables=(Ref("server.knowledge.models:KbSearch"), Ref("server.knowledge.models:KbArticleOpen")))
