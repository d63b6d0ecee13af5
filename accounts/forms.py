from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, answering a known address in the time a new one takes.

    For a new address allauth hashes the password (Argon2, about a tenth of a second) and
    creates the account; for a known one it only sends the "you already have an account"
    e-mail, so the answer came ten times sooner and told which addresses have accounts
    (issue 16, #4). The password is hashed here too, and thrown away.
    """

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
