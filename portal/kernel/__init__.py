"""Feature-free pieces every feature may use: config, database, clock, mail, storage, errors,
i18n, permissions, template filters. Nothing here imports a feature, the factory or the build."""
