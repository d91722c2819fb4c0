"""WSGI entry point. Production settings unless the environment says otherwise.

The guard answers 400 to requests Django would fail on before any middleware runs (a
Content-Type whose parameters cannot be decoded, a charset that is not a text encoding):
see ombudsman/hostile.py.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ombudsman.settings.production")

from ombudsman.hostile import guard_wsgi

application = guard_wsgi(get_wsgi_application())
