from django.urls import path

from sillon.codes import views

urlpatterns = [path("<slug:kind>/", views.code_search, name="code_search")]
