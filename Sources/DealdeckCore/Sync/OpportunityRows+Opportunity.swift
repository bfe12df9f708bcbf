extension OpportunityRows {
    /// Rows for opportunities (a REST page, or records built in tests).
    public init(_ records: some Sequence<(opportunity: Opportunity, isDeleted: Bool)>) {
        self.init()
        for record in records { append(record.opportunity, isDeleted: record.isDeleted) }
    }

    /// Appends an opportunity in the cache's encoding: the one place an `Opportunity` becomes
    /// column values (`OpportunityRows` says which).
    public mutating func append(_ opportunity: Opportunity, isDeleted: Bool) {
        beginRow()
        setText(.id, opportunity.id.rawValue)
        setText(.name, opportunity.name)
        setOptionalText(.accountId, opportunity.accountId?.rawValue)
        setOptionalText(.accountName, opportunity.accountName)
        setText(.stageName, opportunity.stageName)
        if let amount = opportunity.amount { setInteger(.amountCents, Money.cents(of: amount)) }
        setOptionalText(.currencyIsoCode, opportunity.currencyIsoCode)
        setText(.closeDate, opportunity.closeDate.description)
        setOptionalText(.probability, opportunity.probability.map { "\($0)" })
        setOptionalText(.type, opportunity.type)
        setOptionalText(.leadSource, opportunity.leadSource)
        setOptionalText(.nextStep, opportunity.nextStep)
        setOptionalText(.description, opportunity.description)
        setOptionalText(.forecastCategoryName, opportunity.forecastCategoryName)
        setInteger(.isClosed, opportunity.isClosed ? 1 : 0)
        setInteger(.isWon, opportunity.isWon ? 1 : 0)
        setText(.ownerId, opportunity.ownerId.rawValue)
        setOptionalText(.ownerName, opportunity.ownerName)
        setOptionalText(.ownerEmail, opportunity.ownerEmail)
        setInteger(.createdDate, opportunity.createdDate.millisecondsSinceEpoch)
        setInteger(.lastModifiedDate, opportunity.lastModifiedDate.millisecondsSinceEpoch)
        setInteger(.systemModstamp, opportunity.systemModstamp.millisecondsSinceEpoch)
        endRow(isDeleted: isDeleted)
    }

    private mutating func setOptionalText(_ column: Column, _ string: String?) {
        if let string { setText(column, string) }
    }
}
