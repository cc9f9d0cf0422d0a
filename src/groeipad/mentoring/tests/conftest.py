import pytest

from groeipad.skills.models import Competency
from groeipad.skills.services import framework_install_starter


@pytest.fixture
def competency(personas):
    framework = framework_install_starter(actor=None)

    def _get(name_en):
        return Competency.objects.get(framework=framework, name_en=name_en)

    return _get
