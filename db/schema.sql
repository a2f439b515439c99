-- The directory schema as the migrations build it (SQLite). Kept equal by tests/test_db.py;
-- regenerate with: python -c "from quotes.db import open_db, schema_sql; print(schema_sql(open_db('/tmp/x.db')), end='')"
CREATE TRIGGER quote_fts_delete AFTER DELETE ON quote BEGIN INSERT INTO quote_fts(quote_fts, rowid, text) VALUES ('delete', old.id, old.text); END;
CREATE TRIGGER quote_fts_insert AFTER INSERT ON quote BEGIN INSERT INTO quote_fts(rowid, text) VALUES (new.id, new.text); END;
CREATE TRIGGER quote_fts_update AFTER UPDATE OF text ON quote BEGIN INSERT INTO quote_fts(quote_fts, rowid, text) VALUES ('delete', old.id, old.text); INSERT INTO quote_fts(rowid, text) VALUES (new.id, new.text); END;
CREATE TABLE affiliation (
	id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	institution_id INTEGER, 
	title VARCHAR NOT NULL, 
	first_seen VARCHAR, 
	last_seen VARCHAR, 
	article_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(article_id) REFERENCES article (id), 
	FOREIGN KEY(institution_id) REFERENCES institution (id), 
	FOREIGN KEY(person_id) REFERENCES person (id), 
	UNIQUE (person_id, institution_id, title)
);
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE alias (
	id INTEGER NOT NULL, 
	kind VARCHAR NOT NULL, 
	"key" VARCHAR NOT NULL, 
	form VARCHAR NOT NULL, 
	person_id INTEGER, 
	institution_id INTEGER, 
	origin VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(institution_id) REFERENCES institution (id), 
	FOREIGN KEY(person_id) REFERENCES person (id), 
	UNIQUE (kind, "key")
);
CREATE TABLE article (
	id INTEGER NOT NULL, 
	content_hash VARCHAR NOT NULL, 
	source_id VARCHAR, 
	title VARCHAR, 
	url VARCHAR, 
	outlet VARCHAR, 
	published VARCHAR, 
	text TEXT NOT NULL, 
	ingested_at VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (content_hash)
);
CREATE TABLE curation (
	id INTEGER NOT NULL, 
	action VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	target_id INTEGER NOT NULL, 
	detail TEXT DEFAULT '{}' NOT NULL, 
	created_at VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE failed_article (
	id INTEGER NOT NULL, 
	content_hash VARCHAR NOT NULL, 
	source_id VARCHAR, 
	title VARCHAR, 
	url VARCHAR, 
	outlet VARCHAR, 
	published VARCHAR, 
	text TEXT NOT NULL, 
	error TEXT NOT NULL, 
	attempts INTEGER DEFAULT '1' NOT NULL, 
	failed_at VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (content_hash)
);
CREATE TABLE institution (
	id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	"key" VARCHAR NOT NULL, 
	acronym VARCHAR, 
	PRIMARY KEY (id), 
	UNIQUE ("key")
);
CREATE TABLE name_stem (
	stem VARCHAR NOT NULL, 
	word VARCHAR NOT NULL, 
	PRIMARY KEY (stem, word)
);
CREATE TABLE name_word (
	word VARCHAR NOT NULL, 
	person_id INTEGER NOT NULL, 
	PRIMARY KEY (word, person_id), 
	FOREIGN KEY(person_id) REFERENCES person (id) ON DELETE CASCADE
);
CREATE TABLE person (
	id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	"key" VARCHAR NOT NULL, 
	created_at VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE ("key")
);
CREATE TABLE quote (
	id INTEGER NOT NULL, 
	article_id INTEGER NOT NULL, 
	person_id INTEGER, 
	institution_id INTEGER, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	speaker VARCHAR, 
	title VARCHAR, 
	kind VARCHAR NOT NULL, 
	cue VARCHAR, 
	sieve VARCHAR, 
	confidence FLOAT NOT NULL, 
	text_key VARCHAR NOT NULL, 
	rejected BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(article_id) REFERENCES article (id), 
	FOREIGN KEY(institution_id) REFERENCES institution (id), 
	FOREIGN KEY(person_id) REFERENCES person (id), 
	UNIQUE (article_id, start, "end")
);
CREATE TABLE quote_embedding (
	quote_id INTEGER NOT NULL, 
	vector BLOB NOT NULL, 
	PRIMARY KEY (quote_id), 
	FOREIGN KEY(quote_id) REFERENCES quote (id) ON DELETE CASCADE
);
CREATE VIRTUAL TABLE quote_fts USING fts5(text, content='quote', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TABLE 'quote_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE TABLE 'quote_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE 'quote_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE 'quote_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE INDEX ix_affiliation_institution_id ON affiliation (institution_id);
CREATE INDEX ix_affiliation_person_id ON affiliation (person_id);
CREATE INDEX ix_alias_institution_id ON alias (institution_id);
CREATE INDEX ix_alias_person_id ON alias (person_id);
CREATE INDEX ix_article_published ON article (published);
CREATE INDEX ix_name_word_person ON name_word (person_id, word);
CREATE INDEX ix_quote_article_id ON quote (article_id);
CREATE INDEX ix_quote_institution ON quote (institution_id);
CREATE INDEX ix_quote_person ON quote (person_id);
CREATE INDEX ix_quote_person_text ON quote (person_id, text_key);
CREATE INDEX ix_quote_text_key ON quote (text_key);
CREATE UNIQUE INDEX uq_affiliation_title_only ON affiliation (person_id, title) WHERE institution_id IS NULL;
