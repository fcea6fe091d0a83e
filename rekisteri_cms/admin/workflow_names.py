"""The Legal review workflow's and task's names in the admin user's language.

Wagtail shows a workflow's and a task's stored name as it is ("Submit to Legal
review"). The names stay as stored (the public record and the set-up find them by
name); the admin shows them through the app's catalogue, where "Legal review" is a
message. Wagtail's templates that show them are overridden in ``templates/wagtailadmin``
and pass the name through the ``admin_name`` filter; the editor's submit button is
labelled here.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.admin.action_menu import SubmitForModerationMenuItem


def translated_name(name) -> str:
    """A stored workflow or task name, translated when it is one of the app's
    messages (the Legal review workflow and task), else as stored."""
    return translation.gettext(str(name)) if name else ""


class SubmitMenuItem(SubmitForModerationMenuItem):
    """Wagtail's "Submit to …" / "Resubmit to …", naming the step in the user's
    language."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page else None
        if state and state.status == state.STATUS_NEEDS_CHANGES:
            context["label"] = _("Resubmit to %(task_name)s") % {
                "task_name": translated_name(state.current_task_state.task.name)
            }
        else:
            workflow_page = page if page and page.pk else context["parent_page"]
            workflow = workflow_page.get_workflow()
            if workflow:
                context["label"] = _("Submit to %(workflow_name)s") % {
                    "workflow_name": translated_name(workflow.name)
                }
        return context


def name_steps_in_the_action_menu(menu_items, request, context) -> None:
    """``construct_page_action_menu``: Wagtail's submit item, with the step named."""
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = SubmitMenuItem(order=item.order)


#: Wagtail's log actions whose messages name the workflow and its steps.
WORKFLOW_LOG_ACTIONS = (
    "wagtail.workflow.start",
    "wagtail.workflow.approve",
    "wagtail.workflow.reject",
    "wagtail.workflow.resume",
    "wagtail.workflow.cancel",
)


def _translated_titles(value):
    """``value`` (a log entry's ``data``) with every ``title`` a translated name."""
    if isinstance(value, dict):
        return {
            key: translated_name(item) if key == "title" else _translated_titles(item)
            for key, item in value.items()
        }
    return value


class _EntryWithTranslatedNames:
    """A log entry as its formatter reads it, with the step names translated."""

    def __init__(self, entry):
        self._entry = entry
        self.data = {
            **entry.data,
            "workflow": _translated_titles(entry.data["workflow"]),
        }

    def __getattr__(self, name):
        return getattr(self._entry, name)


class StepNamesTranslated:
    """Mixed into Wagtail's workflow log formatters: "Approved at 'Legal review'"
    names the step in the user's language."""

    def format_message(self, log_entry):
        if isinstance(getattr(log_entry, "data", None), dict) and isinstance(
            log_entry.data.get("workflow"), dict
        ):
            log_entry = _EntryWithTranslatedNames(log_entry)
        return super().format_message(log_entry)


def name_steps_in_the_history(actions) -> None:
    """``register_log_actions`` (after Wagtail's own): the workflow entries of a
    page's history name the workflow and its steps in the user's language."""
    for action in WORKFLOW_LOG_ACTIONS:
        formatter = actions.formatters.get(action)
        if formatter is None or isinstance(formatter, StepNamesTranslated):
            continue
        formatter_class = type(
            f"Translated{type(formatter).__name__}",
            (StepNamesTranslated, type(formatter)),
            {},
        )
        actions.formatters[action] = formatter_class()
