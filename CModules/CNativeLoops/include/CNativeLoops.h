#pragma once
int cnl_placeholder(void);
