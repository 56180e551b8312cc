-- venvdex index. PRAGMA user_version is the schema version; index.c migrates.
-- PRAGMA application_id marks the file as venvdex's (index.c's INDEX_APP_ID).
-- Text read from disk is stored as found; it is made safe when shown.

CREATE TABLE IF NOT EXISTS env (
	id		INTEGER PRIMARY KEY,
	path		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	kind		TEXT NOT NULL,	-- venv, virtualenv-legacy, conda, interpreter
	creator		TEXT,
	manager		TEXT,
	python		TEXT,
	base		TEXT,
	prompt		TEXT,
	project		TEXT,
	status		TEXT NOT NULL,	-- ok, broken
	stale_bits	INTEGER NOT NULL DEFAULT 0,	-- 1 interpreter-missing, 2 project-missing
	windows		INTEGER NOT NULL DEFAULT 0,
	system_site	INTEGER NOT NULL DEFAULT 0,
	site		TEXT,		-- site folders, a JSON array (before: one a line)
	size		INTEGER,
	packages	INTEGER NOT NULL DEFAULT 0,
	last_used	INTEGER,
	fingerprint	INTEGER,
	first_seen	INTEGER NOT NULL,
	scanned		INTEGER NOT NULL,
	activated	INTEGER,	-- last `venvdex shell` (kept across scans)
	-- When it was deleted or found gone (NULL: on disk). Kept with its
	-- packages and history; hidden from what is on disk.
	gone		INTEGER
);
CREATE INDEX IF NOT EXISTS env_name ON env(name);
-- The environments on disk, by id with their paths (audit maps its rows
-- of packages to paths with it, without reading the rows of env).
CREATE INDEX IF NOT EXISTS env_ondisk ON env(id, path) WHERE gone IS NULL;

CREATE TABLE IF NOT EXISTS pkg (
	env_id		INTEGER NOT NULL REFERENCES env(id) ON DELETE CASCADE,
	norm		TEXT NOT NULL,	-- PEP 503 name
	name		TEXT NOT NULL,
	version		TEXT NOT NULL,
	summary		TEXT,
	installer	TEXT,
	editable	INTEGER NOT NULL DEFAULT 0,
	requested	INTEGER NOT NULL DEFAULT 0,
	size		INTEGER,
	location	TEXT,
	url		TEXT,
	format		TEXT,
	requires	TEXT,		-- one requirement per line
	meta		TEXT,		-- the metadata header block
	-- Copies of one distribution (dupes): a digest of RECORD's hashes, and
	-- (st_dev, st_ino) of its largest file mixed; NULL when unknown.
	digest		INTEGER,
	inode		INTEGER,
	PRIMARY KEY (env_id, norm)
) WITHOUT ROWID;
-- By name and version: covering what audit reads (the environments that
-- hold a (name, version) some advisory hits).
CREATE INDEX IF NOT EXISTS pkg_norm ON pkg(norm, version);
-- Covering what dupes reads, so that it never touches the rows themselves.
CREATE INDEX IF NOT EXISTS pkg_digest ON pkg(digest, version, inode, size, name);

-- Every change seen in an environment's packages. Keyed by path, not id,
-- so the history outlives the environment's row.
CREATE TABLE IF NOT EXISTS history (
	env_path	TEXT NOT NULL,
	time		INTEGER NOT NULL,
	norm		TEXT NOT NULL,
	name		TEXT NOT NULL,
	old		TEXT,		-- NULL: added
	new		TEXT		-- NULL: removed
);
CREATE INDEX IF NOT EXISTS history_env ON history(env_path, time);

-- Folders outside environments the walk has read: while a folder's mtime
-- stays the same its entries are the same, so a re-scan need not read it.
CREATE TABLE IF NOT EXISTS walkdir (
	path		TEXT PRIMARY KEY,
	mtime		INTEGER NOT NULL,	-- nanoseconds; 0: read it again
	bits		INTEGER NOT NULL,	-- what its entry names hinted at
	kids		BLOB			-- subfolder names, each NUL-terminated
) WITHOUT ROWID;

-- OSV advisories (audit), imported from one source: OSV's PyPI export (a zip
-- of one JSON record per advisory) or a folder of records. Replaced whole
-- when the source changes (its size, mtime and hash).
CREATE TABLE IF NOT EXISTS osv_source (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	path		TEXT NOT NULL,
	size		INTEGER NOT NULL,
	mtime		INTEGER NOT NULL,	-- nanoseconds
	hash		TEXT NOT NULL,
	imported	INTEGER NOT NULL,	-- when
	newest		TEXT,			-- the latest "modified" of its records
	records		INTEGER NOT NULL,
	verdicts	INTEGER NOT NULL DEFAULT 0	-- 1: osv_verdict is whole
);
CREATE TABLE IF NOT EXISTS osv_vuln (
	id		INTEGER PRIMARY KEY,
	osv		TEXT NOT NULL,		-- its id: PYSEC-..., GHSA-...
	aliases		TEXT,			-- other ids, one per line
	summary		TEXT,
	severity	TEXT,
	modified	TEXT
);
-- One "affected" entry of a PyPI package: its explicit versions (PEP 440
-- normal forms, one per line) and its ECOSYSTEM ranges' events, one per line
-- ("introduced 1.0", "fixed 1.2", "last_affected", "limit"), ranges apart by
-- an empty line.
CREATE TABLE IF NOT EXISTS osv_affected (
	vuln		INTEGER NOT NULL REFERENCES osv_vuln(id) ON DELETE CASCADE,
	norm		TEXT NOT NULL,		-- PEP 503 name
	versions	TEXT,
	ranges		TEXT
);
CREATE INDEX IF NOT EXISTS osv_affected_norm ON osv_affected(norm);
-- The verdict of the advisories on each (name, version) the index has held that
-- some advisory names, kept between audits (audit.c fills it; an import
-- empties it): hits are the advisories that affect that version, one per
-- line, "vuln" or "vuln fixed" (osv_vuln's id, the lowest fixed version above
-- it), in the order the entries were evaluated; NULL when none does.
-- osv_source.verdicts is 1 when it holds every (norm, version) of pkg that
-- an advisory names; writing the packages of an environment sets it to 0.
CREATE TABLE IF NOT EXISTS osv_verdict (
	norm		TEXT NOT NULL,
	version		TEXT NOT NULL,
	hits		TEXT,
	PRIMARY KEY (norm, version)
) WITHOUT ROWID;
