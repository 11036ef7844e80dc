internal enum _PlaceholderRadiographDICOM {}
