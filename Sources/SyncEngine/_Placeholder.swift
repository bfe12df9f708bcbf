/// Placeholder until this module is written (removed by its first real file).
enum SyncEnginePlaceholder {}
