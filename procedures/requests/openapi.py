"""The tracking path in the API's OpenAPI description (``add_paths(spec)``, registered by ``init_app``)."""


def add_paths(spec):
    spec.path("/track", operations={"post": {
        "summary": "A request's state, deadline and story, from its tracking number and secret code",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["number", "secret"],
            "properties": {"number": {"type": "string", "example": "K7Q2-9XPD-4MC"},
                           "secret": {"type": "string"}, "lang": {"type": "string", "example": "ar"}}}}}},
        "responses": {"200": {"description": "The request"}, "400": {"description": "Invalid body"},
                      "404": {"description": "No request matches"}, "429": {"description": "Too many attempts"}}}})
