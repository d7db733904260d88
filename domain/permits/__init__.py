"""Permits (giấy phép): issued from approved dossiers of permit procedures."""
