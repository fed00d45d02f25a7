#!/bin/sh
# Run once by the postgres image when the primary's data folder is created: let the
# replica stream from it (pg_basebackup and WAL streaming connect as "replication").
set -e
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
