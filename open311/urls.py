from django.urls import path, re_path, register_converter

from open311 import views

app_name = "open311"


class FormatConverter:
    regex = "json|xml"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "open311_format")

urlpatterns = [
    path("", views.discovery, {"fmt": "json"}, name="root"),
    path("openapi.json", views.openapi_document, name="openapi"),
    path("discovery.<open311_format:fmt>", views.discovery, name="discovery"),
    path("services.<open311_format:fmt>", views.service_list, name="services"),
    path(
        "services/<str:service_code>.<open311_format:fmt>",
        views.service_definition,
        name="service_definition",
    ),
    path("requests.<open311_format:fmt>", views.request_list, name="requests"),
    path(
        "requests/<str:service_request_id>.<open311_format:fmt>",
        views.request_detail,
        name="request",
    ),
    path("tokens/<str:token>.<open311_format:fmt>", views.token_detail, name="token"),
    re_path(r"^.*\.(?P<fmt>json|xml)$", views.not_found),
    re_path(r"^.*$", views.not_found, {"fmt": "json"}),
]
