from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from messaging.forms import MessageForm
from messaging.selectors import thread
from messaging.services import MessageError, message_send, thread_mark_read


@login_required
@require_http_methods(["GET", "POST"])
def my_thread(request):
    """The signed-in student's conversation with the office ("my" page: no id in the URL)."""
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            message_send(student=request.user, author=request.user, body=form.cleaned_data["body"])
        except MessageError as error:
            form.add_error("body", error.message)
        else:
            messages.success(request, _("Your message was sent to the international office."))
            return redirect("messaging:thread")
    # Opening the conversation is reading it: the office's messages count as seen.
    thread_mark_read(student=request.user, reader=request.user)
    return render(request, "messaging/thread.html", {"form": form, "thread": thread(request.user)})
