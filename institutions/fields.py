from django.db import models


class BytewiseCharField(models.CharField):
    """A CharField compared byte by byte on every database.

    Prefix search turns "starts with q" into the index range q <= term < q + U+10FFFF.
    That is only right under a bytewise collation: SQLite's default BINARY is one, and on
    PostgreSQL the column gets COLLATE "C" (whatever the database's own locale is).
    """

    def db_parameters(self, connection):
        parameters = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            parameters["collation"] = "C"
        return parameters
