# Activité récente : la page, et le titre d’une ligne de chaque événement (activity-<type>).

activity-lead = Connexions, changements de mot de passe et autres événements de sécurité des 90 derniers jours. Si l’un d’eux n’était pas vous, sécurisez votre compte :
activity-empty = Aucune activité pour l’instant.
activity-check = À vérifier
activity-unanswered = Inhabituel : était-ce vous ? Répondez depuis l’e-mail que nous avons envoyé
activity-yours = Vous avez indiqué que c’était vous
activity-not-yours = Pas vous : déconnecté

## Ce que nomme un titre quand l’événement ne le dit pas
activity-some-provider = un autre fournisseur
activity-some-alias = une adresse
activity-some-device = un PC
activity-some-license = une licence
activity-some-passkey = une clé d’accès
activity-some-app = une application
activity-some-browser = navigateur inconnu

## Événements
activity-account-created = Compte créé
activity-sign-in-code = Connexion avec un code
activity-sign-in-sign-up = Connexion après la création du compte
activity-sign-in-provider = Connexion avec { $provider }
activity-sign-in-password = Connexion avec votre mot de passe
activity-sign-in-failed = Tentative de connexion avec un mauvais mot de passe
activity-reauthenticated = Identité confirmée pour une modification sensible
activity-password-changed = Mot de passe changé
activity-password-reset = Mot de passe réinitialisé avec un code
activity-name-changed = Nom modifié
activity-signed-out = Déconnexion
activity-session-ended = Une session déconnectée depuis la page Sécurité
activity-other-sessions-ended = { $n ->
    [one] 1 autre session déconnectée
   *[other] { $n } autres sessions déconnectées
}
activity-account-secured = Compte sécurisé : toutes les sessions ont été fermées
activity-change-undone = Une modification annulée depuis une alerte (« Ce n’était pas moi ») ; toutes les sessions ont été fermées
activity-alias-added = { $alias } ajoutée
activity-alias-removed = { $alias } supprimée
activity-alias-made-primary = { $alias } définie comme adresse principale
activity-alias-sign-in-changed = { $allowed ->
    [yes] { $alias } autorisée pour la connexion
   *[no] { $alias } n’est plus utilisée pour se connecter
}
activity-identity-linked = Votre compte { $provider } associé
activity-identity-unlinked = Votre compte { $provider } dissocié
activity-provider-failed = Une connexion avec { $provider } a échoué
activity-device-linked = Appareil associé : { $device }
activity-device-removed = Appareil supprimé : { $device }
activity-license-moved = Licence transférée : { $license } vers { $device } après un changement de matériel
activity-device-location = { $enabled ->
    [yes] « Localiser mon appareil » activé pour { $device }
   *[no] « Localiser mon appareil » désactivé pour { $device }
}
activity-recovery-keys-backup = { $enabled ->
    [yes] Sauvegarde des clés de récupération BitLocker activée pour { $device }
   *[no] Sauvegarde des clés de récupération BitLocker désactivée pour { $device } (ses clés supprimées)
}
activity-recovery-key-shown = Clé de récupération BitLocker { $key } de { $device } affichée
activity-recovery-key-deleted = Clé de récupération BitLocker { $key } de { $device } supprimée
activity-password-removed = Mot de passe supprimé : connexion par clés d’accès et codes
activity-passkey-added = Clé d’accès ajoutée : { $passkey }
activity-passkey-removed = Clé d’accès supprimée : { $passkey }
activity-passkey-cloned = Une clé d’accès qui semblait être une copie a été refusée
activity-app-sign-in = Connexion à { $app }
activity-app-access-removed = Accès retiré pour { $app }
activity-account-disabled = Compte désactivé par un administrateur
activity-account-enabled = Compte réactivé par un administrateur
activity-sessions-ended-by-operator = Déconnecté partout par un administrateur
activity-device-revoked-by-operator = L’association d’un PC a été arrêtée par un administrateur
activity-export-requested = Une copie de vos données a été demandée
activity-export-ready = Une copie de vos données était prête à être téléchargée
activity-export-downloaded = Une copie de vos données a été téléchargée
activity-account-closing = Compte fermé : il sera supprimé après son délai de grâce
activity-account-reopened = Compte rouvert
activity-notices-changed = { $to ->
    [all] Les alertes de sécurité sont désormais envoyées à toutes les adresses vérifiées
   *[other] Les alertes de sécurité sont désormais envoyées à l’adresse principale
}
activity-device-hardware-sharing = { $enabled ->
    [yes] Les détails matériels de { $device } sont de nouveau partagés
   *[no] Les détails matériels de { $device } ne sont plus partagés
}
activity-unusual-sign-in = Connexion depuis un navigateur nouveau pour ce compte : { $browser }
activity-unusual-sign-in-confirmed = Vous avez indiqué que la connexion du nouveau navigateur était vous
activity-unusual-sign-in-disowned = Vous avez indiqué que la connexion du nouveau navigateur n’était pas vous : il a été déconnecté
activity-reset-sent-by-operator = Un code de réinitialisation du mot de passe envoyé par un administrateur
