"""Scale-out adapters over one pure batch function (``newsclean.integrations.table.clean_table``)."""
