"""School enrollments: applications, admissions within capacity, transfers, rosters."""
