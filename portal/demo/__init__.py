"""The demo data set: ``seed`` loads every feature's demo module in order."""
