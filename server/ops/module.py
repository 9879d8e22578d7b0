"""The service itself: ``serviceInfo``.

Its commands (``migrate``, ``api``, ``worker``, ``up``) start the application the
feature list makes, so server/cli.py adds them itself rather than through a declaration.
"""

from server.kernel.feature import Feature, Ref

FEATURE = Feature(name="ops", query=Ref("server.service_info:ServiceInfoQuery"))
