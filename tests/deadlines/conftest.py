from tests.expenses.conftest import alice_client, record  # noqa: F401
from tests.students.conftest import (  # noqa: F401
    alice_registration,
    bring_to,
    make_profile,
    today,
    year,
)
