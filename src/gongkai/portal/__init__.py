"""Public portal (公开门户): the region's home page and each organ's 政府信息公开 column, server-rendered."""
