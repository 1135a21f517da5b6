-- The retro-hunt queue is taken newest first, one indicator at a time (ADR 027): a partial index keeps each take
-- cheap however many indicators a bulk load left waiting.
create index intel_analysis_retro_pending on intel_analysis_indicator (stored_at desc) where retro_status = 'pending';
