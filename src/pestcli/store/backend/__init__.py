"""The database itself, apart from the records it holds: the one seam where backends differ.

Today that is one SQLite file (or a SQLCipher one, with a passphrase):

* ``engine``: the open ``Store`` and its ways in — ``sql()`` (plain reads),
  ``read()``, ``write()`` and ``transaction()`` (SQLModel sessions), ``compact()``;
  ``sa_engine`` builds the SQLAlchemy engine, ``reads`` the pool of plain read
  connections;
* ``files``: where the file, its backups and its evidence live, and their modes;
* ``migrate`` and ``migrations/``: the schema, with Alembic;
* ``backup``, ``backup_list``, ``backup_checks``, ``backup_leftovers``, ``restore``: backups;
* ``cipher``, ``crypto``, ``passphrase_rule``: encryption;
* ``check``, ``identity``, ``integrity``: whether a file is ours and sound;
* ``in_use``: the lock that tells other pestcli processes the file is open.

The record modules of ``pestcli.store`` (cases, people, conversations ...)
only ask a ``Store`` for a session or a plain connection; nothing here
imports them (an import-linter contract holds it), so a second backend
(PostgreSQL) plugs in here without touching them.
"""
