# GENERATED — DO NOT EDIT, run npm run gen
