"""Extract stage: typed event mentions with actors, casualties, claimants, time, place and evidence."""
