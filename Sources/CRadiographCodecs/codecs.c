#include "CRadiographCodecs.h"
