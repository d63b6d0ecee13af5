"""privacy/inventory.py names every link to an account, with the deletion rule it really has."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models

from privacy.inventory import ACCOUNT_LINKS, Fate

EXPECTED_ON_DELETE = {
    Fate.DELETED: models.CASCADE,
    Fate.UNLINKED: models.SET_NULL,
    Fate.PSEUDONYMISED: models.SET_NULL,
    Fate.HISTORY_ERASED: models.DO_NOTHING,
}


def links_to_accounts() -> dict[str, object]:
    user_model = get_user_model()
    found = {}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is user_model:
                found[f"{model._meta.label}.{field.name}"] = field.remote_field.on_delete
    return found


def test_every_link_to_an_account_has_a_decision_and_only_those():
    found = links_to_accounts()

    undecided = sorted(set(found) - set(ACCOUNT_LINKS))
    assert not undecided, (
        "Decide what deleting an account does with these rows, add them to "
        f"privacy/inventory.py and docs/retention.md (and to the export if they are about "
        f"the person): {undecided}"
    )
    assert sorted(set(ACCOUNT_LINKS) - set(found)) == []


def test_each_decision_is_what_the_database_does():
    found = links_to_accounts()

    wrong = {
        link: found[link].__name__
        for link, fate in ACCOUNT_LINKS.items()
        if found[link] is not EXPECTED_ON_DELETE[fate]
    }
    assert wrong == {}


def test_the_pseudonymised_log_keeps_the_account_id_beside_the_link():
    for link, fate in ACCOUNT_LINKS.items():
        if fate == Fate.PSEUDONYMISED:
            label, field = link.rsplit(".", 1)
            model = apps.get_model(label)
            assert model._meta.get_field(f"{field}_account_id")


def test_docs_retention_names_every_table_linked_to_an_account():
    text = (Path(settings.BASE_DIR) / "docs" / "retention.md").read_text()

    missing = [link for link in ACCOUNT_LINKS if f"`{link}`" not in text]
    assert missing == []
