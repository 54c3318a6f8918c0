-- readout SQLite schema, version 1 (PRAGMA user_version = 1).
-- Every list of the readout/1 JSON is a child table with an `ordinal` column
-- (0-based position), so lists read back in their order.

CREATE TABLE documents (
    id        TEXT PRIMARY KEY NOT NULL,
    path      TEXT,
    sha256    TEXT NOT NULL,
    outlet    TEXT,
    headline  TEXT,
    published TEXT,
    text      TEXT NOT NULL
);

CREATE TABLE document_evidence (
    document TEXT NOT NULL REFERENCES documents (id),
    ordinal  INTEGER NOT NULL,
    field    TEXT NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    text     TEXT NOT NULL,
    PRIMARY KEY (document, ordinal)
) WITHOUT ROWID;

CREATE TABLE people (
    id       TEXT PRIMARY KEY NOT NULL,
    name     TEXT NOT NULL,
    country  TEXT,
    wikidata TEXT
) WITHOUT ROWID;

CREATE TABLE person_aliases (
    person  TEXT NOT NULL REFERENCES people (id),
    ordinal INTEGER NOT NULL,
    alias   TEXT NOT NULL,
    PRIMARY KEY (person, ordinal)
) WITHOUT ROWID;

CREATE TABLE topics (
    id    TEXT PRIMARY KEY NOT NULL,
    label TEXT NOT NULL,
    kind  TEXT NOT NULL
        CHECK (kind IN ('organization', 'region', 'issue', 'initiative', 'other'))
) WITHOUT ROWID;

CREATE TABLE meetings (
    id         TEXT PRIMARY KEY NOT NULL,
    date       TEXT,
    date_basis TEXT CHECK (date_basis IN ('stated', 'dateline', 'published', 'relative')),
    kind       TEXT NOT NULL
        CHECK (kind IN ('meeting', 'talks', 'phone_call', 'video_call', 'other')),
    city       TEXT,
    region     TEXT,
    country    TEXT,
    occasion   TEXT
) WITHOUT ROWID;

CREATE TABLE participants (
    meeting TEXT NOT NULL REFERENCES meetings (id),
    ordinal INTEGER NOT NULL,
    person  TEXT NOT NULL REFERENCES people (id),
    country TEXT,
    PRIMARY KEY (meeting, ordinal)
) WITHOUT ROWID;

CREATE TABLE participant_roles (
    meeting     TEXT NOT NULL,
    participant INTEGER NOT NULL,
    ordinal     INTEGER NOT NULL,
    role        TEXT NOT NULL,
    PRIMARY KEY (meeting, participant, ordinal),
    FOREIGN KEY (meeting, participant) REFERENCES participants (meeting, ordinal)
) WITHOUT ROWID;

CREATE TABLE participant_titles (
    meeting     TEXT NOT NULL,
    participant INTEGER NOT NULL,
    ordinal     INTEGER NOT NULL,
    title       TEXT NOT NULL,
    PRIMARY KEY (meeting, participant, ordinal),
    FOREIGN KEY (meeting, participant) REFERENCES participants (meeting, ordinal)
) WITHOUT ROWID;

CREATE TABLE participant_notes (
    meeting     TEXT NOT NULL,
    participant INTEGER NOT NULL,
    ordinal     INTEGER NOT NULL,
    note        TEXT NOT NULL,
    PRIMARY KEY (meeting, participant, ordinal),
    FOREIGN KEY (meeting, participant) REFERENCES participants (meeting, ordinal)
) WITHOUT ROWID;

CREATE TABLE meeting_topics (
    meeting TEXT NOT NULL REFERENCES meetings (id),
    ordinal INTEGER NOT NULL,
    topic   TEXT NOT NULL REFERENCES topics (id),
    PRIMARY KEY (meeting, ordinal)
) WITHOUT ROWID;

CREATE TABLE meeting_coding (
    meeting TEXT PRIMARY KEY NOT NULL REFERENCES meetings (id),
    plover  TEXT NOT NULL,
    mode    TEXT NOT NULL,
    cameo   TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE meeting_coding_actors (
    meeting TEXT NOT NULL REFERENCES meeting_coding (meeting),
    ordinal INTEGER NOT NULL,
    person  TEXT NOT NULL REFERENCES people (id),
    PRIMARY KEY (meeting, ordinal)
) WITHOUT ROWID;

CREATE TABLE meeting_coding_recipients (
    meeting TEXT NOT NULL REFERENCES meeting_coding (meeting),
    ordinal INTEGER NOT NULL,
    person  TEXT NOT NULL REFERENCES people (id),
    PRIMARY KEY (meeting, ordinal)
) WITHOUT ROWID;

CREATE TABLE statements (
    meeting  TEXT NOT NULL REFERENCES meetings (id),
    ordinal  INTEGER NOT NULL,
    text     TEXT NOT NULL,
    document TEXT NOT NULL REFERENCES documents (id),
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    PRIMARY KEY (meeting, ordinal)
) WITHOUT ROWID;

CREATE TABLE statement_speakers (
    meeting   TEXT NOT NULL,
    statement INTEGER NOT NULL,
    ordinal   INTEGER NOT NULL,
    person    TEXT NOT NULL REFERENCES people (id),
    PRIMARY KEY (meeting, statement, ordinal),
    FOREIGN KEY (meeting, statement) REFERENCES statements (meeting, ordinal)
) WITHOUT ROWID;

CREATE TABLE evidence (
    meeting  TEXT NOT NULL REFERENCES meetings (id),
    ordinal  INTEGER NOT NULL,
    field    TEXT NOT NULL,
    document TEXT NOT NULL REFERENCES documents (id),
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    text     TEXT NOT NULL,
    PRIMARY KEY (meeting, ordinal)
) WITHOUT ROWID;

CREATE TABLE meeting_sources (
    meeting  TEXT NOT NULL REFERENCES meetings (id),
    ordinal  INTEGER NOT NULL,
    document TEXT NOT NULL REFERENCES documents (id),
    PRIMARY KEY (meeting, ordinal)
) WITHOUT ROWID;

-- One row per meeting: when, what kind, where, on what occasion, who took
-- part (names joined by '; ' in participant order), about what (topic labels
-- joined by '; '), and how many documents report it.
CREATE VIEW meetings_view AS
SELECT
    m.id AS meeting,
    m.date,
    m.kind,
    m.city,
    m.region,
    m.country,
    m.occasion,
    (SELECT group_concat(name, '; ') FROM (
        SELECT pe.name FROM participants p JOIN people pe ON pe.id = p.person
        WHERE p.meeting = m.id ORDER BY p.ordinal)) AS participants,
    (SELECT group_concat(label, '; ') FROM (
        SELECT t.label FROM meeting_topics mt JOIN topics t ON t.id = mt.topic
        WHERE mt.meeting = m.id ORDER BY mt.ordinal)) AS topics,
    (SELECT count(*) FROM meeting_sources s WHERE s.meeting = m.id) AS sources
FROM meetings m
ORDER BY m.date, m.id;

-- Who met whom how often: one row per pair of people who took part in the
-- same meeting (each pair once, ids in order), with the first and last date.
CREATE VIEW pairs_view AS
SELECT
    a.person AS person_a,
    pa.name AS name_a,
    b.person AS person_b,
    pb.name AS name_b,
    count(DISTINCT a.meeting) AS meetings,
    min(m.date) AS first_date,
    max(m.date) AS last_date
FROM participants a
JOIN participants b ON b.meeting = a.meeting AND b.person > a.person
JOIN meetings m ON m.id = a.meeting
JOIN people pa ON pa.id = a.person
JOIN people pb ON pb.id = b.person
GROUP BY a.person, b.person
ORDER BY meetings DESC, person_a, person_b;
