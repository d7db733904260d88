"""School enrollments (tuyển sinh): applications, admissions within capacity, transfers."""
