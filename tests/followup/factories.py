"""Follow-up records made directly, for tests of what reads them (the API, the
workbook's access rules); the sending itself is tested through `send_due`."""

import datetime

from sillon.followup.models import Questionnaire


def questionnaire(project, wave="n1", **fields) -> Questionnaire:
    values = {
        "exit_date": datetime.date(2024, 6, 30),
        "due_date": datetime.date(2025, 6, 30),
        "status": "sent",
        "sent_on": datetime.date(2025, 7, 1),
    } | fields
    return Questionnaire.objects.create(
        organisation=project.organisation, project=project, wave=wave, **values
    )
