"""JSON API under /api/v1, described by the OpenAPI document at /api/v1/openapi.json."""
