"""Electronic health records (hồ sơ sức khỏe điện tử): personal data sealed per person."""
