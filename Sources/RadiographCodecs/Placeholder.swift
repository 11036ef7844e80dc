internal enum _PlaceholderRadiographCodecs {}
