from django.urls import path

from sillon.workbook import views

urlpatterns = [
    path("", views.data, name="data"),
    path("import/", views.import_preview, name="workbook_import"),
    path("import/confirm/", views.import_confirm, name="workbook_import_confirm"),
    path("template.xlsx", views.template_download, name="workbook_template"),
    path("export.xlsx", views.export_download, name="workbook_export"),
    path("export/<slug:name>/", views.list_export, name="workbook_list_export"),
]
