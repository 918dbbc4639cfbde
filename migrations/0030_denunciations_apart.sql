-- 0030_denunciations_apart: a denunciation never rests on an open citizen's record (issue 26;
-- Luật Tố cáo Art 8(3); docs/keys.md). A person on record as a petitioner who also denounces
-- is two records: the open one, and a sealed one the denunciations attach to. The program
-- moves the denunciations of such citizens to a sealed record of their own at this upgrade
-- (it holds the keys; SQL does not), and seals a group denunciation's representatives into
-- the column below. Append-only: once released, this file is never edited.

-- A denunciation's representatives (JSON array of names), sealed like a denouncer's
-- identity; `representatives` then holds '[]'.
ALTER TABLE visits ADD COLUMN sealed_representatives BLOB;
