-- Indexes on what users query, created after the rows are in: building an
-- index once is faster than keeping it up to date row by row.
CREATE INDEX meetings_date ON meetings (date);
CREATE INDEX participants_person ON participants (person);
CREATE INDEX meeting_topics_topic ON meeting_topics (topic);
