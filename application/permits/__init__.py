"""Permits: issued from approved dossiers by a process manager, then kept by their unit."""
