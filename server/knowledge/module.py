"""The knowledge base as events record it: searches and article opens."""

from server.kernel.feature import Feature
from server.knowledge.models import KbArticleOpen, KbSearch

FEATURE = Feature(name="knowledge", tables=(KbSearch, KbArticleOpen))
