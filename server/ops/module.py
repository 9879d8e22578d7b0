"""The service itself: ``serviceInfo``.

Its commands (``migrate``, ``api``, ``worker``, ``up``) start the application the
feature list makes, so server/cli.py adds them itself rather than through a declaration.
"""

from server.kernel.feature import Feature
from server.service_info import ServiceInfoQuery

FEATURE = Feature(name="ops", query=ServiceInfoQuery)
