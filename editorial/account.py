"""Wagtail's account and sign-in forms, and one workflow form, as staff need them.

The account page saves without a first and last name.

Wagtail's "Name and Email" form requires both names and an e-mail address, and the account page
saves all its panels together: a superuser made by ``createsuperuser`` (username and password
only) could not even choose a language until they typed a name. The names and the address stay
editable; they are simply optional, as they are on Django's User model.

The override is Wagtail's own attribute, ``NameEmailSettingsPanel.form_class``, set to a
subclass; ``check_account_form`` (a system check) fails when an upgrade replaces it.

Two of Wagtail's form fields have no label, so Django shows the field's name in English
whatever the language: the sign-in form's password (``LoginForm`` below, named by
settings.WAGTAILADMIN_USER_LOGIN_FORM) and the page of a workflow's page assignment
(``WorkflowPageForm.base_fields["page"]``, labelled in ``install``).
"""

from django.core import checks
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.account import NameEmailForm
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.forms.workflows import WorkflowPageForm
from wagtail.admin.views.account import NameEmailSettingsPanel


class OptionalNameEmailForm(NameEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


def install():
    NameEmailSettingsPanel.form_class = OptionalNameEmailForm
    WorkflowPageForm.base_fields["page"].label = _("Page")


@checks.register
def check_account_form(app_configs=None, **kwargs):
    if NameEmailSettingsPanel.form_class is not OptionalNameEmailForm:
        return [
            checks.Error(
                "Wagtail's account page no longer uses editorial.account.OptionalNameEmailForm.",
                hint="A Wagtail upgrade replaced NameEmailSettingsPanel.form_class; "
                "re-check how the account page builds its name form.",
                id="editorial.E001",
            )
        ]
    return []


class LoginForm(WagtailLoginForm):
    """Wagtail's sign-in form, whose password field has no label: Django then shows the field's
    name, "Password", untranslated. (settings.WAGTAILADMIN_USER_LOGIN_FORM points here.)"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
