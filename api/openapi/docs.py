"""Reading the description back for the docs page (/api/v1/docs/)."""

import json


def _type_parts(schema) -> list[tuple[str, str]]:
    """A schema's type in words, as (text, anchor) parts; an anchor links to a data shape."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return [(name, f"schema-{name.lower()}")]
    if "anyOf" in schema:
        options = [option for option in schema["anyOf"] if option.get("type") != "null"]
        parts = [part for option in options for part in _type_parts(option)]
        return parts + [(" or null", "")] if len(options) < len(schema["anyOf"]) else parts
    kind = schema.get("type", "any")
    if "enum" in schema:
        return [("one of " + ", ".join(str(value) for value in schema["enum"]), "")]
    if kind == "array":
        return [("array of ", ""), *_type_parts(schema.get("items", {}))]
    if kind == "object":
        if schema.get("properties"):
            return [("object: " + ", ".join(schema["properties"]), "")]
        if isinstance(schema.get("additionalProperties"), dict):
            return [("object of ", ""), *_type_parts(schema["additionalProperties"])]
        return [("object", "")]
    return [(f"{kind} ({schema['format']})" if "format" in schema else kind, "")]


def _resolve(schema, root) -> dict:
    while "$ref" in schema:
        schema = root["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def field_rows(schema, root) -> list[dict]:
    """One row per property of an object schema: name, type parts, meaning, required."""
    resolved = _resolve(schema, root)
    required = resolved.get("required", [])
    return [
        {
            "name": name,
            "type": _type_parts(field),
            "description": field.get("description", ""),
            "required": name in required,
        }
        for name, field in resolved.get("properties", {}).items()
    ]


def docs_operations(root) -> list[dict]:
    """Every operation with its fields and example answer, for the docs page."""
    operations = []
    for path, methods in root["paths"].items():
        for method, operation in methods.items():
            [(media, content)] = operation["responses"]["200"].get("content", {}).items()
            example = content.get("example")
            if example is not None and not isinstance(example, str):
                example = json.dumps(example, indent=2, ensure_ascii=False)
            body = operation.get("requestBody", {}).get("content", {})
            operations.append(
                {
                    **operation,
                    "path": path,
                    "method": method.upper(),
                    "media": media,
                    "fields": field_rows(content["schema"], root),
                    "shape": _type_parts(content["schema"])[0]
                    if "$ref" in content["schema"]
                    else None,
                    "request_fields": [
                        row for part in body.values() for row in field_rows(part["schema"], root)
                    ],
                    "example": example,
                }
            )
    return operations


def docs_shapes(root) -> list[dict]:
    """Every named schema with its fields, for the docs page's data shapes."""
    return [
        {
            "name": name,
            "anchor": f"schema-{name.lower()}",
            "description": schema.get("description", ""),
            "fields": field_rows(schema, root),
        }
        for name, schema in root["components"]["schemas"].items()
    ]
