"""Pictures: uploads checked and read, renditions made and stored.

Above the models and below the views and the admin, as the importer is.
"""
