"""Health records: clinical entries in the clear, personal data sealed per person."""
