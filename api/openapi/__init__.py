"""The OpenAPI 3.1 description of /api/v1/ and the OSDI endpoints.

Built from small parts rather than generated from the views, so that it says exactly what
the views promise; enums, lengths and limits are read from the models, forms and
api.parameters that enforce them. The tests hold every response to it (schemathesis
against a live server, and each endpoint with the demo campaign loaded). Response objects
forbid extra properties: a field cannot become public without this package saying so.
"""

from api.openapi.docs import docs_operations, docs_shapes, field_rows
from api.openapi.document import openapi_schema

__all__ = ["docs_operations", "docs_shapes", "field_rows", "openapi_schema"]
