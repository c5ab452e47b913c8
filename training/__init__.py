"""Training code for firewall-proxy's own models (not shipped in the package).

Run from the repository root, e.g. ``.venv/bin/python -m training.train_attacks``.
Needs the ``train`` extra (scikit-learn) and ``../shared/datasets``.
"""
