"""Direct and indirect quotes with speakers resolved against the entity mentions."""
