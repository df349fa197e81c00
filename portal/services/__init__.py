"""State changes that own a transaction. Views call these; they never change models themselves."""
