from django.urls import path

from sillon.followup import public

urlpatterns = [
    path("<str:token>/", public.questionnaire_form, name="followup_form"),
    path("<str:token>/unsubscribe/", public.unsubscribe, name="followup_unsubscribe"),
]
