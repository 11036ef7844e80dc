#include "CRadiographDCMTK.h"
