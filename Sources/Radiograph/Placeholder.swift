internal enum _PlaceholderRadiograph {}
