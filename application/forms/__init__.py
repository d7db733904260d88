"""The forms of Circular 03/2025/TT-VPCP (Annex I): which step issues which, and what each prints.

``issuance`` says which command or event issues a form; ``letters`` (01–05),
``control_slip`` (06) and ``log_book`` (07) build each form's data from a dossier's events,
already worded and dated as printed; ``ports.FormRenderer`` turns that data into a PDF.
"""
